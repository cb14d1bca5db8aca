"""Reading the input: documents, their structure (the cattrs converter), locations, resources, limits.

Also the vocabulary of facts (components, access and coverage levels, restrictions).
"""
