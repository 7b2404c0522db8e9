"""The field app (/field/) and public certificate verification (/verify/)."""
