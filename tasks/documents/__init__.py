"""Administrative documents (Decree 30/2020/NĐ-CP) rendered from Word-editable templates."""
