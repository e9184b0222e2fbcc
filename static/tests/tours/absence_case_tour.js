import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hr_burnout_prevention_absence_case_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Well-being app",
            trigger: '.o_app[data-menu-xmlid="hr_burnout_prevention.menu_root"]',
            run: "click",
        },
        {
            content: "Open Return to Work",
            trigger: '.o_menu_sections button[data-menu-xmlid="hr_burnout_prevention.menu_followup"]',
            run: "click",
        },
        {
            content: "Open the absence cases",
            trigger: '.dropdown-item[data-menu-xmlid="hr_burnout_prevention.menu_followup_cases"]',
            run: "click",
        },
        {
            content: "Open the case of Els Peeters",
            trigger: '.o_kanban_record:contains("Els Peeters")',
            run: "click",
        },
        {
            content: "The form is the case of Els Peeters",
            trigger: '.o_form_view .o_field_widget[name="employee_id"]:contains("Els Peeters")',
        },
        {
            content: "The case shows its contact plan and milestones",
            trigger: '.o_form_view .o_notebook:contains("Contact Plan"):contains("Milestones")',
        },
    ],
});
