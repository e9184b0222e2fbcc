import { registry } from "@web/core/registry";

const openPlans = [
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
        content: "Open the reintegration plans",
        trigger: '.dropdown-item[data-menu-xmlid="hr_burnout_prevention.menu_reintegration_plans"]',
        run: "click",
    },
];

// The employee accepts her plan in the portal, on "My return", where the app
// opens for her: employee_return_tour.js.

registry.category("web_tour.tours").add("hr_burnout_prevention_reintegration_manager_tour", {
    url: "/odoo",
    steps: () => [
        ...openPlans,
        {
            content: "Open the plan of Els Peeters",
            trigger: '.o_data_row:contains("Els Peeters"):contains("Running") .o_data_cell:first',
            run: "click",
        },
        {
            content: "Open the team checklist",
            trigger: '.o_form_view button.oe_stat_button:contains("Team Checklist")',
            run: "click",
        },
        {
            content: "Select the welcome line",
            trigger: '.o_data_row:contains("Welcome organised") .o_data_cell[name="note"]',
            run: "click",
        },
        {
            content: "Tick it",
            trigger: '.o_data_row.o_selected_row .o_field_widget[name="done"] input:not(:checked)',
            run: "click",
        },
        {
            content: "It is ticked",
            trigger: '.o_data_row.o_selected_row .o_field_widget[name="done"] input:checked',
        },
        {
            content: "Save",
            trigger: ".o_list_button_save",
            run: "click",
        },
        {
            content: "Saved and ticked",
            trigger: '.o_list_view:not(:has(.o_selected_row))',
        },
    ],
});
