"""The capacity model, its measured inputs and the evening-peak simulation (issue 22, docs/scale.md)."""
