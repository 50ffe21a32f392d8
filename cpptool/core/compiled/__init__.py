"""The report's Jinja2 templates compiled to Python when cpptool is made (`make schema`).

Compiling templates/report/report.html.j2 costs a report run about 25 ms, and each worker that
makes plans' sections as much again for plan.html.j2. These modules are that compiled code, made
by the report's own sandbox (cpptool/core/team_page.py), so the sandbox's checks run in them as
in a template compiled at run time: plan values are still data, never template code.
team_page uses a module only while the template's text (its CRC) and the Jinja2 version are
the ones it was made from; otherwise it compiles the template as before.
"""
