"""Fixtures of the pulse's closed loop: people who answer (each a user with an
employee in the fixtures' company), questions of the company's own, and
campaigns answered through the answer page's method, one person at a time.

Callers freeze the clock: a campaign is opened on its first day, answered,
and closed the day after its last day.
"""

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields

# One question per domain (a drainer among them): (text, domain, polarity).
QUESTIONS = (
    ("I can plan my work", "work_organisation", "giver"),
    ("My pay and contract are fair", "employment_conditions", "giver"),
    ("I can count on my colleagues", "interpersonal_relations", "giver"),
    ("My work asks more than I can give", "work_content", "drainer"),
)


class PulseLoopFixtures:
    """Use it after WellbeingFixtures; call ``cls.setup_pulse_loop()``."""

    @classmethod
    def setup_pulse_loop(cls):
        # The smallest minimum the setting allows, so that a few people make
        # a published result.
        cls.company.wellbeing_min_group_size = 3
        cls.questions = cls.env["hr.pulse.question"].create(
            [
                {
                    "name": name,
                    "domain": domain,
                    "polarity": polarity,
                    "company_id": cls.company.id,
                    "sequence": index,
                }
                for index, (name, domain, polarity) in enumerate(QUESTIONS)
            ]
        )
        cls.free_text = cls.env["hr.pulse.question"].create(
            {
                "name": "What would help you most?",
                "domain": "work_organisation",
                "polarity": "giver",
                "answer_type": "text",
                "company_id": cls.company.id,
                "sequence": 99,
            }
        )
        # The people who answer: the fixtures' users with an employee.
        cls.answerers = (
            cls.users["employee"]
            | cls.users["manager"]
            | cls.users["taskforce"]
            | cls.users["hr"]
            | cls.users["admin"]
        )

    @classmethod
    def new_campaign(cls, name, date_start, date_end, **values):
        return cls.env["hr.pulse.campaign"].create(
            {
                "name": name,
                "company_id": cls.company.id,
                "date_start": date_start,
                "date_end": date_end,
                "line_ids": [
                    Command.create({"question_id": question.id})
                    for question in cls.questions
                ],
                **values,
            }
        )

    @classmethod
    def run_campaign(cls, name, date_start, date_end, answers, **values):
        """A campaign opened on its first day, answered by the answerers in
        turn (``answers``: {domain: [value of each answerer]}), closed the day
        after its last day."""
        with freeze_time(date_start):
            campaign = cls.new_campaign(name, date_start, date_end, **values)
            campaign.with_user(cls.users["taskforce"]).action_open()
            lines = {line.domain: line for line in campaign.line_ids}
            for index, user in enumerate(cls.answerers):
                campaign.with_user(user)._submit_answers(
                    {
                        lines[domain].id: values_[index]
                        for domain, values_ in answers.items()
                    }
                )
        with freeze_time(fields.Date.to_date(date_end) + timedelta(days=1)):
            campaign.with_user(cls.users["taskforce"]).action_close()
        return campaign
