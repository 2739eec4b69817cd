"""The rules of the complaint procedures, in plain Python.

Nothing in this package imports Flask, the journey, delivery or staff code: the wizard, the emails, the
staff pages and the command line all ask the same functions here.
"""
