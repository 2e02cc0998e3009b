"""Devices: the phones a member gets pushes on.

Other contexts, the API and the workers import these from here, never from the modules
(tests may reach into a module they test)."""

from __future__ import annotations

from domain.devices.errors import DeviceError, DeviceErrorCode
from domain.devices.service import register_device, unregister_device

__all__ = ["DeviceError", "DeviceErrorCode", "register_device", "unregister_device"]
