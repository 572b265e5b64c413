"""Imports every model module, so SQLAlchemy (and Alembic autogenerate) know all tables.

Each area keeps its own models; this file only makes sure they are all loaded.
"""

from app.accounts import models as accounts_models  # noqa: F401
from app.comments import models as comments_models  # noqa: F401
from app.concepts import models as concepts_models  # noqa: F401
from app.consultations import models as consultations_models  # noqa: F401
from app.core import models as core_models  # noqa: F401
from app.funding import models as funding_models  # noqa: F401
from app.moderation import models as moderation_models  # noqa: F401
from app.monitoring import models as monitoring_models  # noqa: F401
from app.multilingual import models as multilingual_models  # noqa: F401
from app.notifications import models as notifications_models  # noqa: F401
from app.onsite import models as onsite_models  # noqa: F401
from app.organisations import models as organisations_models  # noqa: F401
from app.pages import models as pages_models  # noqa: F401
from app.projects import models as projects_models  # noqa: F401
from app.proposals import models as proposals_models  # noqa: F401
from app.regions import models as regions_models  # noqa: F401
from app.votes import models as votes_models  # noqa: F401
