// Tests for IML.
