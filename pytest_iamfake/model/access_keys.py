"""CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey."""
