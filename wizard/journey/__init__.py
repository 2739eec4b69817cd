"""The citizen's wizard: steps as data, forms, server-side drafts and the views."""
