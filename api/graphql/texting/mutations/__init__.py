"""Mutations of the texting context, one file each; each file declares its own field."""

from __future__ import annotations

from strawberry.types.field import StrawberryField

from api.graphql.texting.mutations.text_member_register import text_member_register
from api.graphql.texting.mutations.text_number_set import text_number_set

MUTATIONS: list[StrawberryField] = [text_member_register, text_number_set]
