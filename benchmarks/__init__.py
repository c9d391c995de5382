"""`make bench`: how fast pages are served, cached and not, beside a static file."""
