-- The Prefect server keeps its own database beside thidua's.
CREATE DATABASE prefect OWNER thidua;
