from . import test_security_groups
from . import test_install_upgrade
from . import test_ui_menu
from . import test_prevention_action
from . import test_intent_declaration
from . import test_prevention_policy
from . import test_prevention_evaluation
from . import test_prevention_access
