"""What every app shares and nothing else; imports no app of this project."""
