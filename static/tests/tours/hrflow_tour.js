import { registry } from "@web/core/registry";

// HR: from an open case to a running plan for a worker without a login
// (case → trajectory → plan → paper reply → start). From the case to the
// proposed plan: six clicks.
registry.category("web_tour.tours").add("hr_burnout_prevention_hr_flow_tour", {
    steps: () => [
        {
            content: "From the case, open its trajectory",
            trigger: '.o_form_view button[name="action_open_trajectories"]',
            run: "click",
        },
        {
            content: "Open the decided trajectory",
            trigger: '.o_data_row:contains("Piet Paper") .o_data_cell:first',
            run: "click",
        },
        {
            content: "Create the plan after the decision",
            trigger: '.o_form_view button[name="action_create_plan"]',
            run: "click",
        },
        {
            content: "The plan knows the worker, the case and the trajectory",
            trigger: '.o_form_view .o_field_widget[name="trajectory_id"] input',
        },
        {
            content: "Generate the gradual schedule",
            trigger: '.o_form_view button[name="action_open_schedule_wizard"]',
            run: "click",
        },
        {
            content: "Generate with the proposed steps",
            trigger: '.modal button[name="action_generate"]',
            run: "click",
        },
        {
            content: "Propose the plan",
            trigger: '.o_form_view button[name="action_propose"]',
            run: "click",
        },
        {
            content: "The plan is proposed",
            trigger: '.o_statusbar_status .o_arrow_button_current:contains("Proposed")',
        },
        {
            content: "Record the reply the worker signed on paper",
            trigger: '.o_form_view button[name="action_record_paper_reply"]',
            run: "click",
        },
        {
            content: "Attach the signed scan",
            trigger: '.modal .o_field_widget[name="scan"]',
            run() {
                const input = this.anchor.querySelector('input[type="file"]');
                const transfer = new DataTransfer();
                transfer.items.add(
                    new File(["%PDF-1.4 signed reply"], "reply.pdf", {
                        type: "application/pdf",
                    })
                );
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The scan is attached",
            trigger: '.modal .o_field_widget[name="scan"] .o_clear_file_button',
        },
        {
            content: "Record the reply",
            trigger: '.modal button[name="action_confirm"]',
            run: "click",
        },
        {
            content: "The plan is accepted",
            trigger: '.o_statusbar_status .o_arrow_button_current:contains("Accepted")',
        },
        {
            content: "Start the plan",
            trigger: '.o_form_view button[name="action_start"]',
            run: "click",
        },
        {
            content: "The plan runs",
            trigger: '.o_statusbar_status .o_arrow_button_current:contains("Running")',
        },
    ],
});

// The line manager: an overdue action of theirs, its progress, then the
// review of a phase from the plan's form, which closes its activity.
registry.category("web_tour.tours").add("hr_burnout_prevention_manager_flow_tour", {
    steps: () => [
        {
            content: "Open the search options",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Filter the overdue actions",
            trigger: '.o_filter_menu .o_menu_item:contains("Overdue")',
            run: "click",
        },
        {
            content: "Open the overdue action",
            trigger: '.o_data_row:contains("Late team talk") .o_data_cell:first',
            run: "click",
        },
        {
            content: "It says it is overdue",
            trigger: '.o_form_view .ribbon:contains("Overdue")',
        },
        {
            content: "Set it to 60%",
            trigger: '.o_form_view .o_field_widget[name="progress"] input',
            run: "edit 60",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_status_indicator:not(:has(.o_form_button_save:visible))",
        },
        {
            content: "Go to the reintegration plans",
            trigger: ".o_form_view",
            run() {
                window.location.href =
                    "/odoo/action-hr_burnout_prevention.hr_reintegration_plan_action";
            },
        },
        {
            content: "Open the running plan of Els Peeters",
            trigger: '.o_data_row:contains("Els Peeters"):contains("Running") .o_data_cell:first',
            run: "click",
        },
        {
            content: "Review the first phase",
            trigger: '.o_form_view .o_data_row:first button[name="action_mark_reviewed"]',
            run: "click",
        },
        {
            content: "The phase is reviewed",
            trigger:
                '.o_form_view .o_data_row:first .o_field_widget[name="review_done"] input:checked',
        },
    ],
});
