import { registry } from "@web/core/registry";
import { user } from "@web/core/user";

const { DateTime } = luxon;

// Today in the user's time zone, the one the server dates the advice request
// with (the browser's own zone may be a day behind or ahead of it).
function today() {
    return DateTime.now().setZone(user.tz || "local");
}

registry.category("web_tour.tours").add("hr_burnout_prevention_cycle_tour", {
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
            content: "Open Prevention",
            trigger: '.o_menu_sections button[data-menu-xmlid="hr_burnout_prevention.menu_prevention"]',
            run: "click",
        },
        {
            content: "Open the intent declarations",
            trigger: '.dropdown-item[data-menu-xmlid="hr_burnout_prevention.menu_prevention_declaration"]',
            run: "click",
        },
        {
            // The app opens on the policies: wait for the declarations' list
            // before its New button.
            content: "The declarations are listed",
            trigger: '.o_breadcrumb:contains("Intent Declarations")',
        },
        {
            content: "Draft a new declaration",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Give it a title",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Tour commitment",
        },
        {
            content: "Save the draft",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Ask the CPBW for advice",
            trigger: "button[name=action_request_advice]",
            run: "click",
        },
        {
            content: "The advice is requested",
            trigger: '.o_statusbar_status button.o_arrow_button_current:contains("Advice Requested")',
        },
        {
            content: "Who signs",
            trigger: ".o_field_widget[name=signatory_name] input",
            run: "edit Bart Mertens",
        },
        {
            content: "Approved today",
            trigger: ".o_field_widget[name=approval_date] input",
            run: `edit ${today().toFormat("MM/dd/yyyy")}`,
        },
        {
            content: "Leave the date field",
            trigger: ".o_field_widget[name=signatory_function] input",
            run: "edit CEO",
        },
        {
            content: "Approve",
            trigger: "button[name=action_approve]",
            run: "click",
        },
        {
            content: "The declaration is approved",
            trigger: '.o_statusbar_status button.o_arrow_button_current:contains("Approved")',
        },
        {
            content: "Publish",
            trigger: "button[name=action_publish]",
            run: "click",
        },
        {
            content: "The declaration is published",
            trigger: '.o_statusbar_status button.o_arrow_button_current:contains("Published")',
        },
        {
            content: "Open Prevention again",
            trigger: '.o_menu_sections button[data-menu-xmlid="hr_burnout_prevention.menu_prevention"]',
            run: "click",
        },
        {
            content: "Open the actions",
            trigger: '.dropdown-item[data-menu-xmlid="hr_burnout_prevention.menu_prevention_action"]',
            run: "click",
        },
        {
            content: "The actions are listed",
            trigger: '.o_breadcrumb:contains("Actions")',
        },
        {
            content: "Open Our Commitment",
            trigger: '.o_menu_sections [data-menu-xmlid="hr_burnout_prevention.menu_our_commitment"]',
            run: "click",
        },
        {
            content: "The new declaration is everyone's commitment",
            trigger: '.o_data_row:contains("Tour commitment")',
        },
    ],
});
