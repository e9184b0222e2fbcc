import { registry } from "@web/core/registry";

// The taskforce opens a closed campaign's results, then makes findings from
// its domain scores.
registry.category("web_tour.tours").add("hr_burnout_prevention_pulse_tour", {
    url: "/odoo/action-hr_burnout_prevention.hr_pulse_campaign_action",
    steps: () => [
        {
            content: "Open the closed campaign",
            trigger: '.o_kanban_record:contains("Tour pulse")',
            run: "click",
        },
        {
            content: "Open its results",
            trigger: "button.oe_stat_button[name=action_view_results]",
            run: "click",
        },
        {
            content: "The score per domain",
            trigger: ".o_graph_renderer canvas",
        },
        {
            content: "Back to the campaign",
            trigger: ".o_breadcrumb li.breadcrumb-item a:contains(Tour pulse)",
            run: "click",
        },
        {
            content: "Open the results per question",
            trigger: "button.oe_stat_button[name=action_view_question_results]",
            run: "click",
        },
        {
            content: "A question's mean and distribution",
            trigger: '.o_data_row:contains("I can plan my work")',
        },
        {
            content: "Back to the campaign again",
            trigger: ".o_breadcrumb li.breadcrumb-item a:contains(Tour pulse)",
            run: "click",
        },
        {
            content: "Create the findings",
            trigger: "button[name=action_create_findings]",
            run: "click",
        },
        {
            content: "The findings, per domain",
            trigger: '.o_group_name:contains("Interpersonal Relations")',
        },
    ],
});
