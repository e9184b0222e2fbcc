import { registry } from "@web/core/registry";

// The employee's journey (wb_test_employee, Els Peeters): "My return" in the
// portal (where the Well-being app opens for her: tests/test_menus_per_role.py),
// where she accepts her plan after a confirmation.
registry.category("web_tour.tours").add("hr_burnout_prevention_employee_accept_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open My return from the portal",
            trigger: 'a[href="/my/return"]',
            run: "click",
        },
        {
            content: "My return: the plan waits for my reply",
            trigger: '.o_my_return .o_my_return_plan .o_plan_status:contains("Waiting for your reply")',
        },
        {
            content: "Read the plan",
            trigger: ".o_my_return_plan_link",
            run: "click",
        },
        {
            content: "The plan has its PDF",
            trigger: "a.o_reintegration_pdf",
        },
        {
            content: "Accept the plan",
            trigger: "button.o_reintegration_accept",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal.show .o_reintegration_accept_confirm",
            run: "click",
        },
        {
            content: "The plan is accepted",
            trigger: '.o_plan_status:contains("You accepted it")',
        },
    ],
});

// Her week during the return: the check-in, her contact wishes, a consent
// revoked after a confirmation.
registry.category("web_tour.tours").add("hr_burnout_prevention_employee_week_tour", {
    url: "/my/return",
    steps: () => [
        {
            content: "The week went as planned",
            trigger: '.o_my_return_checkin_form input[name="load"][value="as_planned"]',
            run: "click",
        },
        {
            content: "I would like to talk",
            trigger: '.o_my_return_checkin_form input[name="need_talk"]',
            run: "click",
        },
        {
            content: "Send the check-in",
            trigger: ".o_my_return_checkin_send",
            run: "click",
        },
        {
            content: "The check-in is sent",
            trigger: '.alert-success:contains("your check-in was sent")',
        },
        {
            content: "Contact me every week",
            trigger: ".o_my_return_wishes_form #contact_frequency",
            run: "edit 7",
        },
        {
            content: "Preferably by text message",
            trigger: ".o_my_return_wishes_form #contact_channel",
            run: "select text",
        },
        {
            content: "Save my wishes",
            trigger: ".o_my_return_wishes_save",
            run: "click",
        },
        {
            content: "The wishes are saved",
            trigger: '.alert-success:contains("Your contact wishes were saved")',
        },
        {
            content: "The consent is valid",
            trigger: ".o_consent_badge_valid",
        },
        {
            content: "Revoke it",
            trigger: "button.o_consent_revoke",
            run: "click",
        },
        {
            content: "Confirm the revocation",
            trigger: ".modal.show .o_consent_revoke_confirm",
            run: "click",
        },
        {
            content: "The consent is revoked",
            trigger: ".o_consent_badge_revoked",
        },
    ],
});
