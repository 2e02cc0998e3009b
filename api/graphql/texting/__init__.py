"""GraphQL of the texting context: registering members without the app by phone."""
