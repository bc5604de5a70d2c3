"""The fault soak: a fault proxy, SIGKILLed syncs and an independent audit of what Tripletex holds."""
