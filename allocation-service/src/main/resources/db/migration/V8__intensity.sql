-- The output-linked intensity method of steel, cement and aluminium from 2025 (docs/RULES-2023-2025.md §6.3).

-- Product output (crude steel, clinker, aluminium liquid), t: what a line's intensity benchmark multiplies; null for
-- power units and in data imported before it was asked for.
alter table unit_year_data add column product_output_t numeric check (product_output_t > 0);

-- A line's figure: output × intensity benchmark (tCO2/t) × sector balance coefficient; null for every other method.
alter table unit_allowance add column product_output_t numeric;
alter table unit_allowance add column intensity_benchmark numeric;
alter table unit_allowance add column balance_coefficient numeric;
