import { registry } from "@web/core/registry";

/**
 * The daily work of the two confidential services (issue 11): a note with a
 * file uploaded before saving, the advisor's support trajectory and its
 * sessions, the answer to a check-in alert, and the access log in words.
 * Data: tests/test_confidential_services.py (TestConfidentialServicesHttp).
 */

function newNoteWithFile(subject) {
    return [
        {
            content: "New note",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The note's service comes from the user's group",
            trigger: '.o_form_view .o_field_widget[name="service"]',
        },
        {
            content: "Subject",
            trigger: '.o_field_widget[name="subject"] input',
            run: `edit ${subject}`,
        },
        {
            content: "About Els Peeters",
            trigger: '.o_field_widget[name="employee_id"] input',
            run: "edit Els Peeters",
        },
        {
            content: "Choose Els Peeters",
            trigger: '.o-autocomplete--dropdown-item:contains("Els Peeters")',
            run: "click",
        },
        {
            content: "Upload a file before saving",
            trigger: ".o_field_many2many_binary .o_attach",
            run() {
                const input = document.querySelector(
                    '.o_field_many2many_binary input[type="file"]'
                );
                const files = new DataTransfer();
                files.items.add(new File(["scanned letter"], "letter.txt", { type: "text/plain" }));
                input.files = files.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The file is uploaded",
            trigger: '.o_field_many2many_binary .o_attachment:not(.o_attachment_uploading):contains("letter")',
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The note is saved with its file",
            trigger: '.o_form_saved .o_field_many2many_binary .o_attachment:contains("letter")',
        },
        {
            content: "The note's subject in the breadcrumb",
            trigger: `.o_breadcrumb:contains("${subject}")`,
        },
    ];
}

function accessLogInWords(who) {
    return [
        {
            content: "Open the access log",
            trigger: "body",
            run: "goToUrl /odoo/action-hr_burnout_prevention.hr_wellbeing_access_log_action",
        },
        {
            content: "The log says who read whose record",
            trigger: `.o_list_view .o_data_row:contains("${who} read a record"):contains("Els Peeters")`,
        },
    ];
}

registry.category("web_tour.tours").add("hr_burnout_prevention_physician_tour", {
    url: "/odoo/action-hr_burnout_prevention.hr_confidential_note_action",
    steps: () => [
        ...newNoteWithFile("Follow-up consultation"),
        ...accessLogInWords("Dr. Luc Hermans"),
    ],
});

registry.category("web_tour.tours").add("hr_burnout_prevention_advisor_tour", {
    url: "/odoo/action-hr_burnout_prevention.hr_confidential_note_action",
    steps: () => [
        ...newNoteWithFile("Reload session 2"),
        {
            content: "Open the support trajectories",
            trigger: "body",
            run: "goToUrl /odoo/action-hr_burnout_prevention.hr_support_trajectory_action",
        },
        {
            content: "Open Els's reload trajectory",
            trigger: '.o_list_view .o_data_row:contains("Els Peeters") .o_data_cell[name="kind"]',
            run: "click",
        },
        {
            content: "The trajectory's form",
            trigger: '.o_form_view .o_field_widget[name="kind"]',
        },
        {
            content: "Its sessions",
            trigger: '.o_form_view .o_field_widget[name="session_ids"] .o_data_row',
        },
        {
            content: "Open the check-ins",
            trigger: ".o_form_view",
            run: "goToUrl /odoo/action-hr_burnout_prevention.hr_reintegration_checkin_action",
        },
        {
            content: "Open Jan's check-in",
            trigger: '.o_list_view .o_data_row:contains("Jan Returner") .o_data_cell[name="week_start"]',
            run: "click",
        },
        {
            content: "Record the contact",
            trigger: 'button[name="action_record_contact"]',
            run: "click",
        },
        {
            content: "The contact is recorded",
            trigger: '.o_field_widget[name="contact_user_id"]:contains("Ingrid Vos")',
        },
        ...accessLogInWords("Ingrid Vos"),
    ],
});
