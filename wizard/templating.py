"""The Jinja template class the web pages are drawn with (the emails have their own environment, in
``delivery/messages.py``, and import no macros): Jinja's own, with its import of another template made cheaper.

Every page imports GOV.UK Frontend's component macros (``{% from "govuk_frontend_jinja/components/.../macro.html"
import ... %}``) about eighteen times: the header, Exit this page, the error summary and the rest. At each import
Jinja works out which of the page's globals the imported template lacks (``Template._get_default_module``:
``ctx.globals_keys - self.globals.keys()``). The template's globals are a ``ChainMap``, so that set difference is
done in Python, one generator per key (about 20 µs an import, 0.35 ms a page: a fifth of a bare page's time,
bench/RESULTS.md). Here the same question is asked as ``issubset``, which makes one set of the ChainMap's keys (its
loops in C) and compares in C: 4-5 µs a page. When the imported template has every global the page has (always, in
this app: the app's globals are the only ones), Jinja's own answer is its cached module, which is what is given;
otherwise Jinja's own code runs as it is. ``tests/unit/test_templating.py`` holds that pages are drawn byte for byte
as with Jinja's own class, and fails when a Jinja release changes the method this one stands in front of.
"""

from __future__ import annotations

import jinja2
from jinja2.environment import TemplateModule
from jinja2.runtime import Context
from jinja2.utils import internalcode


class Template(jinja2.Template):
    @internalcode  # as Jinja's own: left out of a template error's traceback
    def _get_default_module(self, ctx: Context | None = None) -> TemplateModule:
        if ctx is not None and ctx.globals_keys.issubset(self.globals):
            # Jinja's own check (``ctx.globals_keys - self.globals.keys()``) finds no key missing: the cached module.
            ctx = None
        return super()._get_default_module(ctx)
