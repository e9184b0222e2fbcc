"""Fixtures of the pulse (issue 16): people who answer, a small bank of the
test's own and helpers to run a campaign. The minimum group size of the
fixtures' company is 3 here, so that few users are needed."""

from odoo import Command

from .common import WellbeingCase

MINIMUM = 3


class PulseFixtures:
    """Operations: Els (user ``employee``), Sofie, Tom and four answerers
    with a user; Customer Service: Pieter, Koen (``taskforce``) and two
    answerers with a user; People and Prevention: Nathalie (``hr``) and Bart
    (``admin``)."""

    @classmethod
    def setup_pulse(cls):
        cls.company.wellbeing_min_group_size = MINIMUM
        rows = [(f"Ops {i}", cls.operations) for i in range(1, 5)] + [
            (f"Service {i}", cls.customer_service) for i in range(1, 3)
        ]
        users = cls._users().create(
            [
                cls._user_values("employee", login=f"wb_pulse_{i}", name=name)
                for i, (name, _dept) in enumerate(rows, 1)
            ]
        )
        employees = cls._employees(
            *(
                (name, dept, None, user)
                for (name, dept), user in zip(rows, users, strict=True)
            )
        )
        cls.ops_users = users[:4]
        cls.service_users = users[4:]
        cls.pulse_employees = employees
        Question = cls.env["hr.pulse.question"]
        cls.q_giver, cls.q_drainer, cls.q_relations, cls.q_text = Question.create(
            [
                {
                    "name": "I decide how I work.",
                    "domain": "work_organisation",
                    "polarity": "giver",
                    "company_id": cls.company.id,
                },
                {
                    "name": "I have too much work.",
                    "domain": "work_organisation",
                    "polarity": "drainer",
                    "company_id": cls.company.id,
                },
                {
                    "name": "My colleagues help me.",
                    "domain": "interpersonal_relations",
                    "polarity": "giver",
                    "company_id": cls.company.id,
                },
                {
                    "name": "What costs you energy?",
                    "domain": "work_content",
                    "polarity": "drainer",
                    "answer_type": "text",
                    "company_id": cls.company.id,
                },
            ]
        )

    @classmethod
    def _campaign(cls, questions=None, **values):
        questions = (
            questions
            if questions is not None
            else (cls.q_giver | cls.q_drainer | cls.q_relations | cls.q_text)
        )
        return (
            cls.env["hr.pulse.campaign"]
            .with_user(cls.users["taskforce"])
            .create(
                {
                    "name": "Pulse autumn",
                    "date_start": "2026-11-02",
                    "date_end": "2026-11-20",
                    "line_ids": [
                        Command.create({"question_id": q.id, "sequence": i})
                        for i, q in enumerate(questions)
                    ],
                    **values,
                }
            )
        )

    @classmethod
    def _values(cls, campaign, giver, drainer, relations, text=None):
        lines = campaign.sudo().line_ids.sorted("sequence")
        values = {lines[0].id: giver, lines[1].id: drainer, lines[2].id: relations}
        if text is not None and len(lines) > 3:
            values[lines[3].id] = text
        return values

    def _answer(self, campaign, user, *answers, text=None):
        return campaign.with_user(user)._submit_answers(
            self._values(campaign, *answers, text=text)
        )

    def _answers(self, campaign):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT id, line_id, value, text, group_key, released, xmin::text "
            "FROM hr_pulse_answer WHERE campaign_id = %s ORDER BY id",
            [campaign.id],
        )
        return self.env.cr.dictfetchall()


class PulseCase(PulseFixtures, WellbeingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_pulse()
