"""STS: GetCallerIdentity and AssumeRoot."""
