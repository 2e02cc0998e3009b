"""`authorship`: the only link from a share or response to a person (DESIGN §4).

`author_key` is an HMAC-SHA256 of the member id under `ANONYMITY_KEY`: the
service can check "did this member write it?" but nothing here can be turned
back into a member id. Finding an author means computing the HMAC of candidate
members, which only the break-glass procedure does (ANON-12).
"""

from __future__ import annotations

from pydantic import Field

from schemas.documents.base import Document


class AuthorshipDocument(Document):
    id: str = Field(alias="_id", description="The share's or response's id.")
    author_key: str = Field(description="Hex HMAC-SHA256 of the author's member id.")
