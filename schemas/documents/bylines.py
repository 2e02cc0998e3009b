"""`bylines`: who wrote a share or response posted under the member's own name.

Anonymous content has no byline. Keeping names out of `shares` and `responses`
means those collections hold no member id at all, named or not.
"""

from __future__ import annotations

from pydantic import Field

from schemas.documents.base import Document


class BylineDocument(Document):
    id: str = Field(alias="_id", description="The share's or response's id.")
    member_id: str
