// Tests for RefinerySandbox.
