"""One searchable document per live page, in the page's language.

Text is stored twice: as written (for snippets) and folded (lower case, no accents) for
matching, so "sintomas" finds "síntomas". On PostgreSQL `vector` holds the folded text as a
tsvector built with the page language's configuration (english or spanish), GIN-indexed.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from wagtail.models import Page


class SearchDocument(models.Model):
    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="search_document")
    language = models.CharField(max_length=8, db_index=True)
    title = models.CharField(max_length=255)
    text = models.TextField()
    folded_title = models.CharField(max_length=255)
    folded_text = models.TextField()
    vector = SearchVectorField(null=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "search document"

    def __str__(self) -> str:
        return f"{self.language}: {self.title}"
