from django.core.management.base import BaseCommand

from search import indexing


class Command(BaseCommand):
    help = "Index every public page for the site search again. migrate does this too."

    def handle(self, *args, **options):
        self.stdout.write(f"{indexing.rebuild()} page(s) in the search index.")
