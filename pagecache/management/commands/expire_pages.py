from django.core.management.base import BaseCommand

from pagecache.invalidation import expire_pages


class Command(BaseCommand):
    help = (
        "Retire every cached page, e.g. after restoring a database backup, which changes "
        "pages without the saves that normally do it."
    )

    def handle(self, *args, **options):
        expire_pages()
        self.stdout.write("Expired all cached pages: the next request for each renders it again.")
