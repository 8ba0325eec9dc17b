"""Editorial board models: the school structure, the board, staff profiles, role groups and the board page."""

from .board import BoardMembership, EditorialBoard
from .pages import BoardPage
from .profiles import Position, StaffProfile
from .requests import AccountDelegation, MembershipRequest
from .roles import RoleGroup
from .structure import (
    ClassMembership,
    Department,
    DepartmentMembership,
    SchoolClass,
    SchoolYear,
    Union,
    UnionMembership,
)

__all__ = [
    "AccountDelegation",
    "MembershipRequest",
    "BoardMembership",
    "BoardPage",
    "ClassMembership",
    "Department",
    "DepartmentMembership",
    "EditorialBoard",
    "Position",
    "RoleGroup",
    "SchoolClass",
    "SchoolYear",
    "StaffProfile",
    "Union",
    "UnionMembership",
]
