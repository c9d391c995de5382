"""The preparation block every procedure page opens its "before" section with.

Its text is in templates/includes/preparation.html; the pages its sedation advice follows
are here, as data, like the urgent-care card's.
"""

import datetime

from procedures.sources import Source

SOURCES = (
    Source(
        "Sedation options",
        "Nottingham University Hospitals NHS Trust",
        "https://www.nuh.nhs.uk/sedation-options-",
        datetime.date(2026, 11, 21),
    ),
    Source(
        "Adult patients discharged following procedural sedation",
        "Cambridge University Hospitals NHS Foundation Trust",
        "https://www.cuh.nhs.uk/patient-information/adult-patients-discharged-following-procedural-sedation/",
        datetime.date(2026, 11, 21),
    ),
)
