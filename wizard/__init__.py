from . import hr_reintegration_schedule_wizard
from . import hr_reintegration_refuse_wizard
from . import hr_reintegration_trajectory_event_wizard
from . import hr_reintegration_paper_reply_wizard
