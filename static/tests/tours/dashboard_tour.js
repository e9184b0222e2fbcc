import { registry } from "@web/core/registry";

// Each role lands on its first screen of figures and clicks one figure
// through to the records behind it.
function openApp() {
    return [
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
    ];
}

function landAndClick(screen, tile, title, record) {
    return [
        ...openApp(),
        {
            content: `The app opens on ${screen}`,
            trigger: `.o_breadcrumb:contains("${screen}")`,
        },
        {
            content: `Click the figure ${title}`,
            trigger: `.o_wellbeing_tile_${tile}`,
            run: "click",
        },
        {
            content: "The records behind the figure",
            trigger: `.o_breadcrumb:contains("${title}")`,
        },
        {
            content: `${record} is among them`,
            trigger: `.o_content:contains("${record}")`,
        },
    ];
}

registry.category("web_tour.tours").add("hr_burnout_prevention_dashboard_hr_tour", {
    url: "/odoo",
    steps: () => landAndClick("HR Overview", "cases_absent", "Cases: absent", "Els Peeters"),
});

registry.category("web_tour.tours").add("hr_burnout_prevention_dashboard_committee_tour", {
    url: "/odoo",
    steps: () =>
        landAndClick(
            "Prevention Overview",
            "findings_unanswered",
            "Findings without an action",
            "Month-end peaks"
        ),
});

registry.category("web_tour.tours").add("hr_burnout_prevention_dashboard_advisor_tour", {
    url: "/odoo",
    steps: () =>
        landAndClick(
            "Advisor Overview",
            "support_running",
            "Support trajectories running",
            "Pieter De Smet"
        ),
});
