import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hr_burnout_prevention_menu_tour", {
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
            content: "The Well-being menu is open",
            trigger: '.o_main_navbar .o_menu_brand:contains("Well-being")',
        },
        {
            content: "HR opens the app on the HR overview",
            trigger: '.o_breadcrumb:contains("HR Overview")',
        },
        {
            content: "HR sees no weekly check-in (the psychosocial prevention advisor's)",
            trigger: '.o_menu_sections:not(:has([data-menu-xmlid="hr_burnout_prevention.menu_reintegration_checkins"]))',
        },
        {
            content: "Open Return to Work",
            trigger: '.o_menu_sections button[data-menu-xmlid="hr_burnout_prevention.menu_followup"]',
            run: "click",
        },
        {
            content: "Open the employees followed",
            trigger: '.dropdown-item[data-menu-xmlid="hr_burnout_prevention.menu_followup_employees"]',
            run: "click",
        },
        {
            content: "The HR officer sees the employees",
            trigger: '.o_breadcrumb:contains("Employees")',
        },
        {
            content: "Grouped by the departments of the company",
            trigger: '.o_group_name:contains("Operations")',
        },
    ],
});
