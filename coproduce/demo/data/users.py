"""The demo sign-ins. All share the password in ``coproduce.demo.loader.DEMO_PASSWORD``."""

from coproduce.accounts.models import AreaRole

from . import bexley
from .spec import MembershipSpec, UserSpec

USERS = (
    UserSpec(
        "lead",
        "Pat",
        "Lead",
        (
            MembershipSpec("bexley", AreaRole.PROGRAMME_LEAD),
            MembershipSpec("riverside", AreaRole.PROGRAMME_LEAD),
        ),
    ),
    UserSpec("facilitator", "Sam", "Facilitator", (MembershipSpec("bexley", AreaRole.FACILITATOR),)),
    UserSpec(
        "commissioner",
        "Chris",
        "Commissioner",
        (MembershipSpec("bexley", AreaRole.COMMISSIONER, bexley.COUNCIL),),
    ),
    UserSpec(
        "centre",
        "Jo",
        "Centre",
        (MembershipSpec("bexley", AreaRole.CENTRE_MANAGER, bexley.HOLLYFIELD),),
    ),
    UserSpec("vcs", "Alex", "VCS", (MembershipSpec("bexley", AreaRole.VCS_MEMBER, bexley.FORUM),)),
    UserSpec("viewer", "Robin", "Viewer", (MembershipSpec("riverside", AreaRole.VIEWER),)),
)

SUPERUSER = "admin"
