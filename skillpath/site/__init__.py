"""``skillpath site``: the framework as a static web site.

``pages`` decides what each page shows, from the same results the commands render (a
skill's ``Matrix``, a role's ``NextStep`` at each level); ``build`` turns them into HTML
through autoescaping Jinja2 templates and writes the folder. Nothing here is imported
unless the site command runs.
"""
