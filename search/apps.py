from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "search"

    def ready(self):
        from search import indexing

        indexing.connect()
        # The index is made from the pages, so it is rebuilt whenever the tables may change.
        post_migrate.connect(indexing.rebuild_after_migrate, sender=self)
