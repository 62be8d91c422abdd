"""Days a calendar is closed that nobody has to retype: public holidays and holiday feeds.

* :mod:`~sla_lint.closures.public`: public holidays of a country or subdivision, from the
  ``holidays`` package (imported only when a calendar asks for it).
* :mod:`~sla_lint.closures.feed`: holidays read from an iCalendar (``.ics``) file in the repo.
* :mod:`~sla_lint.closures.names`: the named closed and part days of a calendar over some
  years, for wording them (the site's plain words).
"""
