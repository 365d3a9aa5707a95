"""Tables, the campaign schema, the workflow definition and the settings of thidua."""
