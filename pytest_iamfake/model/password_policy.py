"""Update/Get/DeleteAccountPasswordPolicy."""
