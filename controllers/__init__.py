from . import portal
from . import consent_portal
from . import pulse
