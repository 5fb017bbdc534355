"""The /admin state must not shadow the session's display vars (a shadowed
`user_role` was overwritten with the viewer's own role by SessionState)."""

from silek_app.state.admin import AdminState
from silek_app.state.session import SessionState


def test_admin_state_does_not_shadow_session_vars():
    assert not set(AdminState.__annotations__) & set(SessionState.__annotations__)
