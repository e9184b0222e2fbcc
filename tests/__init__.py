from . import test_security_groups
from . import test_install_upgrade
from . import test_ui_menu
from . import test_absence_deadlines
from . import test_absence_opening
from . import test_reintegration_plan
from . import test_reintegration_bad_input
from . import test_reintegration_access
