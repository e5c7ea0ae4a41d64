"""Plans (計画素案 A/B/C) built from the site store.

The stored plan (``model``), its region (``area``), the sections derived from its members (``derived``),
the 計画要件 checklist (``checklist``) and the machine-readable form (``report``). Storage is the store's
``plans`` aggregate; words are in ``i18n.plans``.
"""
