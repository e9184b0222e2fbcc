{
    "name": "Burn-out Prevention and Return to Work",
    "summary": "Prevent burn-out collectively and bring people back to work "
    "after a long absence, with medical information kept confidential",
    "version": "18.0.1.0.0",
    "category": "Human Resources",
    "author": "hr_burnout_prevention developers",
    "license": "LGPL-3",
    "depends": ["hr_holidays", "portal"],
    "data": [
        "security/hr_burnout_prevention_security.xml",
        "security/ir.model.access.csv",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/hr_burnout_prevention_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "hr_burnout_prevention/static/tests/tours/*.js",
        ],
    },
    "application": True,
    "installable": True,
}
