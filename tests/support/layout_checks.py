"""In-page checks of how a phone screen is laid out, shared by the browser tests."""

from __future__ import annotations


def touching(page, selector: str) -> list[str]:
    """Neighbours among ``selector``'s visible elements that sit on one row with no space
    between ("AntreanRegister Izin"): a spacing written as plain CSS (gap: 3) is silently
    dropped by the browser, and nothing else would notice."""
    return page.evaluate(
        """(selector) => {
          const boxes = [...document.querySelectorAll(selector)]
            .map(e => [e.id || e.textContent.trim(), e.getBoundingClientRect()])
            .filter(([, r]) => r.width > 0);
          const out = [];
          for (let i = 1; i < boxes.length; i++) {
            const [a, ra] = boxes[i - 1], [b, rb] = boxes[i];
            if (Math.abs(ra.top - rb.top) < 4 && rb.left - ra.right < 4) out.push(`${a}|${b}`);
          }
          return out;
        }""",
        selector,
    )
