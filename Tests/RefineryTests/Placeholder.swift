// Tests for Refinery.
