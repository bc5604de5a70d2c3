"""Import test data shared by the core and the UI tests: one bad row of each kind core.importing reports."""

from __future__ import annotations

#: (a CSV row after the COSTS header of tests/core/test_import_trips.py, the field, the error code)
BAD_ROWS = [
    ("1;101;31.02.2026;Oslo;Moss;60;;;;;;;;", "date", "invalid_date"),
    ("1;101;03.03.2026;Oslo;Moss;tolv;;;;;;;;", "km", "invalid_number"),
    ("1;101;03.03.2026;Oslo;Moss;-4;;;;;;;;", "km", "km_not_positive"),
    ("1;999;03.03.2026;Oslo;Moss;60;;;;;;;;", "employee", "employee_unknown"),
    ("1;101;03.03.2026;;Moss;60;;;;;;;;", "from", "required"),
    ("1;101;03.03.2026;;;;Sjokolade;50;;;;;;", "category", "cost_category_unknown"),
    ("1;101;03.03.2026;;;;Fly;50;;;;;;", "category", "cost_category_ambiguous"),
    ("1;101;03.03.2026;;;;Gammel bilgodtgjørelse;50;;;;;;", "category", "cost_category_inactive"),
    (";101;03.03.2026;;;;Diett;50;;;;;;", "category", "cost_category_not_for_expense"),
    ("1;101;03.03.2026;;;;Taxi;;;;;;;", "amount", "required"),
    ("1;101;03.03.2026;;;;Taxi;0;;;;;;", "amount", "amount_not_positive"),
    ("1;101;03.03.2026;;;;Taxi;12,50;kroner;;;;;", "currency", "currency_invalid"),
    ("1;101;03.03.2026;;;;Taxi;12,50;;mangler.pdf;;;;", "receipt", "receipt_not_found"),
    ("1;101;03.03.2026;;;;Taxi;12,50;;kvittering.docx;;;;", "receipt", "receipt_unsupported"),
    ("1;101;03.03.2026;;;;Taxi;12,50;;IMG_0042.HEIC;;;;", "receipt", "receipt_format_unsupported"),
    ("1;101;03.03.2026;Oslo;Moss;60;;;;;telt;;;", "lodging", "invalid_lodging"),
    ("1;101;03.03.2026;Oslo;Moss;60;;;;;;Atlantis;;", "country", "invalid_country"),
    ("1;101;03.03.2026;;;;Taxi;12,50;;;;;Kontanter;", "payment", "payment_type_unknown"),
    ("1;101;03.03.2026;Oslo;Moss;;;;;;;;;2", "passengers", "needs_km"),
    ("1;101;03.03.2026;;;;;;;;;;;", "date", "nothing_to_import"),
]
